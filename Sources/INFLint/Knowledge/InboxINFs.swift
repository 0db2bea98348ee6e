/// The INF files Windows ships in its driver store (`%SystemRoot%\INF`): the ones a package may
/// `Include` and take `Needs` sections from.
///
/// The names are those of the driver store of a Windows 11 x64 installation image (version 26H2,
/// 715 driver packages), as listed file by file from its `install.wim`. Other editions, architectures
/// and releases add or drop a few vendor drivers; the infrastructure INFs that packages include
/// (machine, ks, wdmaudio, usb, winusb, msports, mshidkmdf, wudfrd, netvwifibus, sti, …) are in every one.
public enum InboxINFs {
    /// Whether `name` (compared case-insensitively, with its `.inf`) is an inbox INF.
    public static func contains(_ name: String) -> Bool { names.contains(name.lowercased()) }

    /// Lower-cased file names, with `.inf`.
    public static let names: Set<String> = Set(baseNames.split(whereSeparator: \.isWhitespace).map { $0 + ".inf" })

    private static let baseNames = """
        1394 3ware 61883 acpi acpiaudiocompositor acpidev acpipagr acpipmi acpitime acxhdaudiop adp80xx amdgpio2 amdi2c
        amdsata amdsbs amdwps applessd apxunit arcsas athw8x audioendpoint avc b57nd60a basicdisplay basicrender battery
        bcmdhd64 bcmfn2 bcmwdidhdpcie bda btampm bth bthlcpen bthleenum bthmtpenum bthoob bthpan bthprint bthspp
        buttonconverter
        c_1394 c_61883 c_apo c_avc c_barcodescanner c_battery c_biometric c_bluetooth c_camera c_cashdrawer c_cdrom
        c_computeaccelerator c_computer c_diskdrive c_display c_dot4 c_dot4print c_extension c_fdc c_firmware c_floppydisk
        c_fsactivitymonitor c_fsantivirus c_fscfsmetadataserver c_fscompression c_fscontentscreener c_fscontinuousbackup
        c_fscopyprotection c_fsencryption c_fshsm c_fsinfrastructure c_fsopenfilebackup c_fsphysicalquotamgmt c_fsquotamgmt
        c_fsreplication c_fssecurityenhancer c_fssystem c_fssystemrecovery c_fsundelete c_fsvirtualization c_generic c_hdc
        c_hidclass c_i3c c_image c_infrared c_keyboard c_legacydriver c_linedisplay c_magneticstripereader c_mcx c_media
        c_mediumchanger c_memory c_midi c_modem c_monitor c_mouse c_mtd c_multifunction c_multiportserial c_net c_netclient
        c_netdriver c_netservice c_nettrans c_nvmedisk c_pcmcia c_pnpprinters c_ports c_primitive c_printer c_processor
        c_proximity c_ramdisk c_receiptprinter c_sbp2 c_scmdisk c_scmvolume c_scsiadapter c_sdhost c_securitydevices
        c_sensor c_smartcard c_smartcardfilter c_smartcardreader c_smrdisk c_smrvolume c_sslaccel c_swcomponent c_swdevice
        c_system c_tapedrive c_thermal c_ucm c_unknown c_usb c_usbdevice c_usbfn c_volsnap c_volume c_wceusbs c_wpd
        cdrom chargearbitration cht4nulx64 cht4sx64 cht4vx64 circlass cmbatt compdev compositebus cpu dc1-controller
        dc21x4vm devmap digitalmediadevice disk display displaymux displayoverride e2xw10x64 eaphost ehstorpwddrv
        ehstortcgdrv errdev escl eyegazeioctl fdc fidohid flpydisk fusionv2 gameport genericusbfn genpass hal
        halextintclpiodma halextintcpsedma halextpl080 hdaudbus hdaudio hdaudss heat helloface hidbatt hidbth hidbthle
        hidcfu hiddigi hidgamepad hidi2c hidi3c hidinterrupt hidir hidirkbd hidlamparray hidscanner hidserv hidspi_km
        hidtelephonydriver hidvhf hpsamd hsp hvservice i3chost iagpio iai2c ialpss2i_gpio2_bxt_p ialpss2i_gpio2_cnl
        ialpss2i_gpio2_glk ialpss2i_gpio2_skl ialpss2i_i2c_bxt_p ialpss2i_i2c_cnl ialpss2i_i2c_glk ialpss2i_i2c_skl
        ialpssi_gpio ialpssi_i2c iastorav iastorv idtsec image input intelpep intelpmax intelpmt ipmidrv ipoib6x iscsi
        itsas35i kdnic kdnic_legacy keyboard ks kscaptur ksfilter lltdio lsi_sas lsi_sas2i lsi_sas3i machine mausbhost
        mbtr8897w81x64 mchgr
        mdm3com mdm5674a mdmadc mdmagm64 mdmags64 mdmairte mdmaiwa mdmaiwa3 mdmaiwa4 mdmaiwa5 mdmaiwat mdmar1 mdmarch mdmarn
        mdmati mdmatm2k mdmaus mdmboca mdmbsb mdmbtmdm mdmbug3 mdmbw561 mdmc26a mdmcdp mdmcm28 mdmcodex mdmcom1 mdmcommu
        mdmcomp mdmcpq mdmcpq2 mdmcpv mdmcrtix mdmcxhv6 mdmcxpv6 mdmdcm5 mdmdcm6 mdmdf56f mdmdgitn mdmdp2 mdmdsi mdmdyna
        mdmeiger mdmelsa mdmeric mdmeric2 mdmetech mdmfj2 mdmgatew mdmgcs mdmgen mdmgl001 mdmgl002 mdmgl003 mdmgl004
        mdmgl005 mdmgl006 mdmgl007 mdmgl008 mdmgl009 mdmgl010 mdmgsm mdmhaeu mdmhandy mdmhay2 mdmhayes mdminfot mdmiodat
        mdmirmdm mdmisdn mdmjf56e mdmke mdmkortx mdmlasat mdmlasno mdmlucnt mdmmc288 mdmmcd mdmmcom mdmmct mdmmega mdmmetri
        mdmmhrtz mdmmhzel mdmminij mdmmod mdmmot64 mdmmoto1 mdmmotou mdmmts mdmneuhs mdmnis1u mdmnis2u mdmnis3t mdmnis5t
        mdmnokia mdmnova mdmntt1 mdmnttd2 mdmnttd6 mdmnttme mdmnttp mdmnttp2 mdmnttte mdmolic mdmomrn3 mdmoptn mdmosi
        mdmpace mdmpenr mdmpin mdmpn1 mdmpp mdmpsion mdmracal mdmrock mdmrock3 mdmrock4 mdmrock5 mdmsier mdmsii64 mdmsmart
        mdmsonyu mdmsun1 mdmsun2 mdmsupr3 mdmsupra mdmsuprv mdmtdk mdmtdkj2 mdmtdkj3 mdmtdkj4 mdmtdkj5 mdmtdkj6 mdmtdkj7
        mdmtexas mdmti mdmtkr mdmtron mdmusrf mdmusrg mdmusrgl mdmusrk1 mdmusrsp mdmvdot mdmvv mdmwhql0 mdmx5560 mdmzoom
        mdmzyp mdmzyxel mdmzyxlg
        megasas2i megasas35i megasr memory mf mgtdyn microsoft_bluetooth_a2dp microsoft_bluetooth_a2dp_snk
        microsoft_bluetooth_a2dp_src microsoft_bluetooth_avrcptransport microsoft_bluetooth_hfp microsoft_bluetooth_hfp_ag
        microsoft_bluetooth_hfp_hf miradisp mlx4_bus modemcsa monitor mpi3drvi mptfcore mptfcustomizeiosignalclient
        mptfpowerlimitclient mptfpowersourceclient mptfpowertrackercore mptfthermalpolicy mrvlpcie8897 msclmd
        mscustomizedio msdri msdv msgpiowin32 mshdc mshidkmdf mshidumdf msmouse msports mssmbios mstape
        mstemperaturesensor msux64w10 mtconfig mvumis ndiscap ndisimplatform ndisimplatformmp ndisuio ndisvirtualbus
        net1ic64 net1yx64 net2ic68 net44amd net7400-x64-n650 net7500-x64-n650f net7800-x64-n650f net8187bv64 net8192se64
        net9500-x64-n650f netathr10x netathrx netavpna netax88179_178a netax88772 netbc63a netbc64 netbrdg netbvbda
        netbxnd0a netbxnda netcxrd nete1e3e nete1g3e netefe3e netelx netevbd0a netevbda netg664 netimm netip6 netirda
        netjme netk57a netl160a netl1c63x64 netl1e64 netl260a netlldp netloop netmlx4eth63 netmlx5 netmscli netmyk64 netnb
        netnvm64 netnvma netnwifi netpacer netpgm netr28ux netr28x netr7364 netrasa netrass netrast netrndis netrtl64
        netrtwlane netrtwlane01 netrtwlane_13 netrtwlans netrtwlanu netserv netsstpa nett4x64 nettcpip netv1x64
        netvchannel netvf63a netvg63a netvwifibus netvwififlt netvwifimp netvwwanmp netwbw02 netwew00 netwew01 netwlv64
        netwmbclass netwns64 networkprivacypolicy netwsw00 netwtw02 netwtw04 netwtw06 netwtw08 netwtw10 netxex64
        npsvctrig ntprint ntprint4 nulhpopr nulhprs8 nvdimm nvmedisk nvraid oposdrv pci pcmcia percsas2i percsas3i
        pluton-heci plutonhsp2 pmem pnpxinternetgatewaydevices printqueue prm
        prnge001 prnms002 prnms003 prnms004 prnms005 prnms007 prnms008 prnms010 prnms011 prnms012 prnms013 prnms014
        prnms015 pvscsii qcwlan64 qd3x64 ramdisk rawsilo rdcameradriver rdlsbuscbs rdpbus rdpidd remoteposdrv rhproxy
        rndiscmp routepolicy rspndr rt640x64 rtcx21x64 rtucx21x64 rtux64w10 rtvdevx64 rtwlanu_oldic sbp2 scmbus scmvolume
        scrawpdo scsidev scunknown sdbus sdcaaggregator sdcaclass sdcahid sdcamfd sdstor sensorsalsdriver
        sensorshidclassdriver sensorsservicedriver sisraid2 sisraid4 smartsamd smrdisk smrvolume spaceport stexstor sti
        storfwupdate stornvme storufs swenum tape tdibth termbus termkbd termmou tpm tpmvsc transfercable ts_generic
        ts_wpdmtp tsgenericusbdriver tsprint tsusbhub tsusbhubfilter uaspstor ucmucsiacpiclient uefi ufxchipidea
        ufxsynopsys uicciso uiomap umbus umpass unknown urschipidea urssynopsys usb-platformdetection usb usb4devicerouter
        usb4hostrouter usb4p2pnetadapter usbaudio2 usbcciddriver usbcir usbhub3 usbmidi2 usbncm usbncmum usbnet usbport
        usbprint usbser usbstor usbvideo usbxhci v_mscdsc vca vdrvroot vhdmp virtdisk vmxnet3 vocaeffectpack-extension
        volmgr volsnap volume vrd vsmraid vstxraid wave wceisvista wdma_usb wdmaudio wdmaudioapo wdmvsc wfcvsc wfpcapture
        wgencounter whvcrash whyperkbd windowstrustedrtproxy wini3ctarget winusb wmbclass_wmc_union wmiacpi wnetvsc
        wnetvsc_vfpp wpdcomp wpdfs wpdmtp wpdmtphw ws3cap wsdprint wsdscdrv wstorflt wstorvsc wudfrd wudfusbcciddriver
        wvid wvmbus wvmbushid wvmbusvideo wvmgid wvmic wvmic_ext wvmic_guestinterface wvmic_heartbeat wvmic_kvpexchange
        wvmic_shutdown wvmic_timesync wvmic_vss wvpci xboxgip xboxgipsynthetic xinputhid xusb22 ykinx64
        """
}
